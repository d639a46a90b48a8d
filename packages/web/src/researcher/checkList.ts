// The workspace's one list of checkboxes: a study's arms, session-level predictors, therapist moderators.
import { html, type TemplateResult } from "lit-html";

/** One box: the value it adds to the selection and its label. */
export interface CheckItem {
  value: string;
  label: TemplateResult | string;
}

/**
 * A checkbox per item (ids `<prefix>-<value>`), ticked when `selected` holds its value; a change hands
 * `set` the new selection (in the order ticked, without repeats).
 *
 * @example
 * checkList("arm", [{ value: "0", label: "Arm 0" }], choice.arms, (arms) => ((choice.arms = arms), draw()));
 */
export function checkList(
  prefix: string,
  items: readonly CheckItem[],
  selected: readonly string[],
  set: (next: string[]) => void,
): TemplateResult[] {
  return items.map(
    (it) =>
      html`<div class="check">
        <input
          id="${prefix}-${it.value}"
          type="checkbox"
          .checked=${selected.includes(it.value)}
          @change=${(e: Event) =>
            set(
              (e.target as HTMLInputElement).checked
                ? [...new Set([...selected, it.value])]
                : selected.filter((v) => v !== it.value),
            )}
        />
        <label for="${prefix}-${it.value}">${it.label}</label>
      </div>`,
  );
}
