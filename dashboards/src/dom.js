// The one way this console builds DOM: text goes in as text nodes, never as HTML, so
// device-provided names and values cannot inject markup.

/**
 * Creates an element. `attrs` keys: `class`, `dataset` (object), `on` (event → handler);
 * other keys become attributes (null/undefined/false are skipped). Children are nodes or
 * values turned into text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Returns the element with this id, failing loudly if index.html lacks it. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el;
}
