/** Who a rule or tour is for: role (guest, owner) and visitor (new, returning); "everyone" leaves a field out. */
import type { Segment } from '@matbakh/contract';
import { html } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';

type Any = 'any';

export function audienceFields(
  page: EditorPage,
  path: string,
  segment: Segment | undefined,
  onChange: (segment: Segment | undefined) => void,
) {
  const set = (next: Segment) => onChange(Object.keys(next).length === 0 ? undefined : next);
  return html`<div class="two">
    ${page.select<Any | NonNullable<Segment['role']>>(
      `${path}.role`,
      page.msg('audience.role'),
      segment?.role ?? 'any',
      [
        { value: 'any', label: page.msg('audience.everyone') },
        { value: 'guest', label: page.msg('audience.guest') },
        { value: 'owner', label: page.msg('audience.owner') },
      ],
      (role) => {
        const { role: _old, ...rest } = segment ?? {};
        set(role === 'any' ? rest : { ...rest, role });
      },
    )}
    ${page.select<Any | NonNullable<Segment['visitor']>>(
      `${path}.visitor`,
      page.msg('audience.visitor'),
      segment?.visitor ?? 'any',
      [
        { value: 'any', label: page.msg('audience.everyone') },
        { value: 'new', label: page.msg('audience.new') },
        { value: 'returning', label: page.msg('audience.returning') },
      ],
      (visitor) => {
        const { visitor: _old, ...rest } = segment ?? {};
        set(visitor === 'any' ? rest : { ...rest, visitor });
      },
    )}
  </div>`;
}
