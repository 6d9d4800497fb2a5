// A tagged template that escapes every value unless it is already markup (`raw`, or another
// `html` result), so a title or a comment can never inject a tag.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

class Markup {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

export const raw = (text) => new Markup(text);

function render(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function html(strings, ...values) {
  let text = strings[0];
  values.forEach((value, at) => {
    text += render(value) + strings[at + 1];
  });
  return new Markup(text);
}
