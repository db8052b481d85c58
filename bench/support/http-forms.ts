// Driving Keydesk's forms over plain HTTP, as a browser without JavaScript does: GET the page, take
// the hidden fields React rendered into the <form> (the server action's reference and state), add
// the visible fields, POST it as multipart/form-data, and keep the cookies the answer sets.
//
//   const jar = new CookieJar();
//   await submitForm(server.url, "/agent/login", { email, password }, jar);   // → 303 to /agent
//   fetch(`${server.url}/agent/tickets`, { headers: { cookie: jar.header() } });

/** The cookies of one visitor (name → value; attributes are not needed on loopback). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Keeps every Set-Cookie of `response` (an empty value or Max-Age=0 deletes). */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/**
 * The hidden inputs of the first <form> in `html` that has any (the server action's fields) — of the
 * first that also has a field named `withField` when given (a page can hold several forms, e.g. the
 * console's sign-out button before the search form).
 */
export function hiddenFieldsOf(html: string, withField?: string): Record<string, string> {
  for (const form of html.match(/<form[\s\S]*?<\/form>/g) ?? []) {
    if (
      withField &&
      !(form.match(/<(input|textarea|select)[^>]*>/g) ?? []).some((t) => attribute(t, "name") === withField)
    )
      continue;
    const fields: Record<string, string> = {};
    for (const tag of form.match(/<input[^>]*>/g) ?? []) {
      const name = attribute(tag, "name");
      if (name && attribute(tag, "type") === "hidden") fields[name] = attribute(tag, "value") ?? "";
    }
    if (Object.keys(fields).some((name) => name.startsWith("$ACTION"))) return fields;
  }
  throw new Error("no server-action form on the page");
}

/**
 * GETs `path`, then submits its form with `fields` on top of the hidden ones; returns the answer to
 * the POST (not followed: a successful sign-in is a 303 whose Set-Cookie lands in `jar`).
 */
export async function submitForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  jar: CookieJar,
  withField?: string,
): Promise<Response> {
  const page = await fetch(`${baseUrl}${path}`, { headers: { cookie: jar.header() } });
  jar.take(page);
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...hiddenFieldsOf(await page.text(), withField), ...fields }))
    form.append(name, value);
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { cookie: jar.header(), origin: baseUrl },
  });
  jar.take(response);
  return response;
}
