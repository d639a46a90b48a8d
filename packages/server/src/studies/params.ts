// The study routes' path parameter and the site shown for a therapist without one (their request and
// response shapes are @attune/api's).
import { z } from "@hono/zod-openapi";
import { Id } from "@attune/api";

export const idParam = { params: z.object({ id: Id }) };
/** The site shown for a therapist without one. */
export const NO_SITE = "(no site)";
