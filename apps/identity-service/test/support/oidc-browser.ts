/**
 * A browser, as far as a sign-in needs one: it follows redirects by hand, keeps the cookies each site sets
 * (Steerco's binding cookie and the provider's session cookies) and fills in the provider's development
 * login and consent forms.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).origin) ?? new Map<string, string>();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      body: init.body,
      headers: {
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        cookie: this.cookieHeader(url),
        ...init.headers,
      },
    });
    const jar = this.cookies.get(new URL(url).origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1)];
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(new URL(url).origin, jar);
    return response;
  }

  /**
   * From the provider's authorization URL to the redirect back to Steerco: signs in as `login` on the login
   * page and consents, when the provider asks. Returns the callback URL the provider redirected to.
   */
  async signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
    let url = authorizationUrl;
    for (let step = 0; step < 12; step += 1) {
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url).href;
        if (next.startsWith(callbackPrefix)) return next;
        url = next;
        continue;
      }
      const html = await response.text();
      if (response.status !== 200)
        throw new Error(`provider answered ${response.status}: ${html.slice(0, 500)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action) throw new Error(`no interaction form at ${url}: ${html.slice(0, 500)}`);
      const body = new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
      ).toString();
      const submitted = await this.request(new URL(action, url).href, { method: 'POST', body });
      const after = submitted.headers.get('location');
      if (!after) throw new Error(`the ${prompt} form was not accepted: ${await submitted.text()}`);
      url = new URL(after, url).href;
    }
    throw new Error('the provider never redirected back to Steerco');
  }
}
