/**
 * Generated pages of a given element count for the benchmark: a realistic mix of layout, text and
 * links, with a login form, a search box, a newsletter box and scattered filter inputs.
 */
export function generatePage(elements: number, seed = 7): string {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const parts: string[] = [];
  let count = 0;
  const words = ['alpha', 'delivery', 'product', 'offer', 'news', 'shoes', 'garden', 'review', 'price', 'stock'];
  const text = () => `${words[Math.floor(rand() * words.length)]} ${words[Math.floor(rand() * words.length)]}`;
  parts.push(`<header><form role="search" action="/search"><input type="search" name="q" aria-label="Search"><button>Search</button></form></header>`);
  count += 5;
  const loginAt = Math.floor(elements / 2);
  let loginDone = false;
  while (count < elements - 20) {
    const kind = rand();
    if (!loginDone && count >= loginAt) {
      parts.push(`<section class="auth"><h2>Sign in</h2><form id="login" action="/session" method="post"><label for="u">Email</label><input id="u" type="email" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password"><button type="submit">Sign in</button></form></section>`);
      count += 9;
      loginDone = true;
    } else if (kind < 0.02) {
      parts.push(`<div class="filter"><label>${text()}<input type="checkbox" name="f${count}"></label><input type="number" name="min${count}" placeholder="Min"></div>`);
      count += 4;
    } else if (kind < 0.5) {
      parts.push(`<div class="card"><div class="media"><span class="badge">${text()}</span></div><p>${text()} <a href="/p/${count}">${text()}</a></p></div>`);
      count += 6;
    } else if (kind < 0.8) {
      parts.push(`<ul class="list"><li><a href="/a">${text()}</a></li><li><a href="/b">${text()}</a></li><li><span>${text()}</span></li></ul>`);
      count += 7;
    } else {
      parts.push(`<section><h3>${text()}</h3><div><div><div><p>${text()}</p></div></div></div></section>`);
      count += 6;
    }
  }
  parts.push(`<footer><form action="/nl"><h4>Subscribe to our newsletter</h4><input type="email" name="email" placeholder="Email"><button>Subscribe</button></form></footer>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench ${elements}</title></head><body>${parts.join('')}</body></html>`;
}
