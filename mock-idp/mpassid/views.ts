import { html, page } from '../core/views.js';
import type { School } from './config.js';
import { mpassidTheme } from './theme.js';

/** Languages of MPASSid's pages (`lang=fi|sv|en`, Finnish by default). */
export type Lang = 'fi' | 'sv' | 'en';

const TEXT: Record<Lang, { title: string; intro: string; loggedOut: string; stillSignedIn: string }> = {
  fi: {
    title: 'Valitse koulu tai kunta',
    intro: 'Kirjaudu sisään koulusi tunnuksilla.',
    loggedOut: 'Olet kirjautunut ulos MPASSid-palvelusta.',
    stillSignedIn: 'Kirjautuminen koulusi käyttäjähakemistoon ja muihin palveluihin voi olla yhä voimassa. Sulje selain.',
  },
  sv: {
    title: 'Välj skola eller kommun',
    intro: 'Logga in med din skolas användarnamn.',
    loggedOut: 'Du har loggat ut från MPASSid.',
    stillSignedIn: 'Du kan fortfarande vara inloggad i skolans katalog och i andra tjänster. Stäng webbläsaren.',
  },
  en: {
    title: 'Choose your school or municipality',
    intro: "Sign in with your school's account.",
    loggedOut: 'You have logged out of MPASSid.',
    stillSignedIn: "You may still be signed in to your school's directory and to other services. Close the browser.",
  },
};

/** Picks a supported language from a `lang` parameter. */
export function langOf(value: unknown): Lang {
  return value === 'sv' || value === 'en' ? value : 'fi';
}

/** The school picker: one button per school whose directory can authenticate the user. */
export function schoolPickerPage(input: { action: string; schools: School[]; lang: Lang; serviceName?: string }): string {
  const t = TEXT[input.lang];
  const choices = input.schools.map((s) => html`<li><button type="submit" name="school" value="${s.code}" data-testid="school-${s.code}">${s.name}</button></li>`);
  return page(mpassidTheme, t.title, html`
${input.serviceName ? html`<p>→ <strong>${input.serviceName}</strong></p>` : html``}
<p>${t.intro}</p>
<form method="post" action="${input.action}" data-testid="school-picker"><ul class="choices">${choices}</ul></form>`, { lang: input.lang });
}

/** The page `/idp/profile/Logout` shows when there is no return address. */
export function loggedOutPage(lang: Lang): string {
  const t = TEXT[lang];
  return page(mpassidTheme, t.loggedOut, html`<p data-testid="mpassid-logged-out">${t.stillSignedIn}</p>`, { lang });
}
