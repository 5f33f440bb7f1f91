/** Test set-up for the between-session space: a couple, an ended session, each partner on their case link. */
import { WEEKLY_RATINGS_ID, type CaseLinkDto, type IssuedCaseLinkDto, type WeeklyStateDto } from '@tandem/shared';
import { Browser, jointSessionScenario, tokenFromUrl, type Scenario } from '../../test/harness.js';

export interface CaseScenario {
  s: Scenario;
  ids: { a: string; b: string };
  /** Each partner's browser holding their case cookie (no session cookie). */
  alex: Browser;
  sam: Browser;
  links: { a: IssuedCaseLinkDto; b: IssuedCaseLinkDto };
}

export async function issueLink(s: Scenario, partnerId: string): Promise<IssuedCaseLinkDto> {
  return s.therapist.ok<IssuedCaseLinkDto>('POST', `/api/couples/${s.couple.id}/case-links/${partnerId}`);
}

export async function openLink(browser: Browser, link: IssuedCaseLinkDto): Promise<void> {
  await browser.ok('POST', '/api/me/redeem', { token: tokenFromUrl(link.url) });
}

export async function linkStates(s: Scenario): Promise<CaseLinkDto[]> {
  return s.therapist.ok<CaseLinkDto[]>('GET', `/api/couples/${s.couple.id}/case-links`);
}

export async function caseScenario(server: { url: string }): Promise<CaseScenario> {
  const s = await jointSessionScenario(server);
  const [a, b] = s.couple.partners;
  if (!a || !b) throw new Error('two partners expected');
  await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
  const links = { a: await issueLink(s, a.id), b: await issueLink(s, b.id) };
  const alex = new Browser(server.url);
  const sam = new Browser(server.url);
  await openLink(alex, links.a);
  await openLink(sam, links.b);
  return { s, ids: { a: a.id, b: b.id }, alex, sam, links };
}

/** A partner's weekly ratings (connection, trust, closeness) on their case link. */
export function answerWeekly(
  who: Browser,
  connection: number,
  trust: number,
  closeness: number,
): Promise<WeeklyStateDto> {
  return who.ok<WeeklyStateDto>('PUT', '/api/me/weekly', {
    instrumentId: WEEKLY_RATINGS_ID,
    instrumentVersion: 1,
    answers: { connection, trust, closeness },
  });
}
