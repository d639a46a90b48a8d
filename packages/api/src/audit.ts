// The audit log as a coordinator reads it.
import { z } from "zod";

export const AuditOut = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actorKind: z.string(),
      actorId: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      ip: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});

export type AuditOut = z.infer<typeof AuditOut>;
