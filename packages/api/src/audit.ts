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

/** What the log's filters can choose: the actions and entities that occur in the network's log. */
export const AuditChoicesOut = z.object({ actions: z.array(z.string()), entities: z.array(z.string()) });

export type AuditChoicesOut = z.infer<typeof AuditChoicesOut>;
export type AuditOut = z.infer<typeof AuditOut>;
