/**
 * Shape limits of any JSON the API accepts, checked without recursion before anything recursive (validation,
 * `JSON.stringify`, merge patches, the database's JSON functions) touches the value: a body nested thousands of
 * levels deep must cost a loop, not a stack. Also refused: NUL characters (PostgreSQL's text cannot hold them) and
 * `__proto__` keys (an assignment would change an object's prototype instead of adding a field).
 */
export const MAX_JSON_DEPTH = 32;

export interface ShapeProblem {
  /** Dotted path of the offending field, starting at `root`. */
  field: string;
  message: string;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

const SEGMENT_MAX = 40;

function pathOf(frame: Frame, root: string): string {
  const parts: string[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) {
    parts.push(
      typeof at.key === 'number'
        ? `[${at.key}]`
        : `.${at.key.length > SEGMENT_MAX ? `${at.key.slice(0, SEGMENT_MAX)}…` : at.key}`,
    );
  }
  return root + parts.reverse().join('');
}

const hasNul = (text: string) => text.includes('\u0000');

/**
 * The first problem found in `value` (as `JSON.parse` made it), or `undefined`. `root` names the value in the
 * answer (`batch[3]`, `body`); depth counts containers, the outermost being level 1.
 */
export function checkJsonShape(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): ShapeProblem | undefined {
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      if (hasNul(current)) return { field: pathOf(frame, root), message: 'text must not contain NUL characters' };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (frame.depth > maxDepth) {
      return { field: pathOf(frame, root), message: `nested more than ${maxDepth} levels deep` };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], depth: frame.depth + 1, parent: frame, key: i });
      }
      continue;
    }
    for (const key of Object.keys(current)) {
      const child: Frame = {
        value: (current as Record<string, unknown>)[key],
        depth: frame.depth + 1,
        parent: frame,
        key,
      };
      if (key === '__proto__') return { field: pathOf(child, root), message: 'a key must not be __proto__' };
      if (hasNul(key)) return { field: pathOf(child, root), message: 'a key must not contain NUL characters' };
      stack.push(child);
    }
  }
  return undefined;
}
