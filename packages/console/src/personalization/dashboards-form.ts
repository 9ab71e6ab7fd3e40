/**
 * The dashboard defaults per audience (`<mb-dashboard audience>`): the widgets in the order a new visitor sees them,
 * each movable up and down and hideable; a page's own widget ids can be added. A visitor's saved layout wins.
 */
import { BUILT_IN_WIDGETS, DASHBOARD_ROLES, type DashboardDefaults, type DashboardRole } from '@matbakh/contract';
import { html } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';

export function layoutOf(dashboards: DashboardDefaults, role: DashboardRole) {
  return dashboards[role] ?? { order: [...BUILT_IN_WIDGETS[role]], hidden: [] };
}

export function renderDashboards(
  page: EditorPage,
  dashboards: DashboardDefaults,
  adding: Partial<Record<DashboardRole, string>>,
  onChange: () => void,
) {
  const change = (role: DashboardRole, mutate: (layout: { order: string[]; hidden: string[] }) => void) => {
    const layout = structuredClone(layoutOf(dashboards, role));
    mutate(layout);
    dashboards[role] = layout;
    onChange();
  };
  return DASHBOARD_ROLES.map((role) => {
    const layout = layoutOf(dashboards, role);
    const at = `dashboards.${role}`;
    return html`<fieldset>
      <legend>${page.msg(`audience.${role}`)}</legend>
      <ol class="widgets">
        ${layout.order.map((id, i) => {
          const hidden = (layout.hidden ?? []).includes(id);
          const checkId = `hide-${role}-${id}`;
          return html`<li>
            <code>${id}</code>
            <span class="check">
              <input
                type="checkbox"
                id=${checkId}
                .checked=${hidden}
                @change=${(event: Event) =>
                  change(role, (l) => {
                    const on = (event.target as HTMLInputElement).checked;
                    l.hidden = on ? [...(l.hidden ?? []), id] : (l.hidden ?? []).filter((h) => h !== id);
                  })}
              />
              <label for=${checkId}>${page.msg('dash.hidden')}</label>
            </span>
            <button type="button" class="secondary" aria-label=${page.msg('ed.up', { name: id })} ?disabled=${i === 0} @click=${() =>
              change(role, (l) => {
                [l.order[i - 1], l.order[i]] = [l.order[i]!, l.order[i - 1]!];
              })}>
              ${page.msg('ed.upShort')}
            </button>
            <button type="button" class="secondary" aria-label=${page.msg('ed.down', { name: id })} ?disabled=${i === layout.order.length - 1} @click=${() =>
              change(role, (l) => {
                [l.order[i + 1], l.order[i]] = [l.order[i]!, l.order[i + 1]!];
              })}>
              ${page.msg('ed.downShort')}
            </button>
          </li>`;
        })}
      </ol>
      <form
        class="row"
        @submit=${(event: Event) => {
          event.preventDefault();
          const id = (adding[role] ?? '').trim();
          if (!id) return;
          adding[role] = '';
          change(role, (l) => {
            l.order.push(id);
          });
        }}
      >
        ${page.field({
          path: `${at}.order`,
          label: page.msg('dash.addId'),
          hint: page.msg('dash.addHint'),
          ltr: true,
          value: adding[role] ?? '',
          onInput: (v) => {
            adding[role] = v;
          },
        })}
        <div class="field"><button type="submit" class="secondary">${page.msg('dash.add')}</button></div>
      </form>
    </fieldset>`;
  });
}
