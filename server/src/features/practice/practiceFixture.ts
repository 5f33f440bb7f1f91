/** Test helpers: a practice whose owner invites people who sign up through the link, as the app does it. */
import type { AssignableRole, CreatedStaffInviteDto, TherapistDto } from '@tandem/shared';
import { Browser, tokenFromUrl } from '../../test/harness.js';

export const STAFF_PASSWORD = 'plum orbit lantern 42';

/** The owner (signed in) invites someone; they sign up through the link in their own browser. */
export async function invitePerson(
  owner: Browser,
  email: string,
  role: AssignableRole = 'clinician',
  clinical?: boolean,
): Promise<{ browser: Browser; me: TherapistDto }> {
  const created = await owner.ok<CreatedStaffInviteDto>('POST', '/api/practice/invites', {
    email,
    role,
    language: 'en',
    ...(clinical !== undefined ? { clinical } : {}),
  });
  const browser = new Browser(owner.baseUrl);
  const me = await browser.ok<TherapistDto>('POST', '/api/practice/invites/accept', {
    token: tokenFromUrl(created.url),
    name: email.split('@')[0] ?? 'Someone',
    password: STAFF_PASSWORD,
  });
  return { browser, me };
}
