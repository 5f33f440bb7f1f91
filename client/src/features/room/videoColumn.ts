/**
 * The width of the room's video column on a laptop. The person chooses it with the splitter; the workspace keeps
 * at least 60 % of the window's width whatever they chose, so the map canvas keeps 40 % of a 1280x800 window.
 */
export const VIDEO_MIN = 176;
const VIDEO_DEFAULT_MAX = 352;
/** The stage's padding, its gaps and the two splitters: what is neither video, workspace nor panel. */
const STAGE_CHROME = 80;
const WORKSPACE_SHARE = 0.6;

/** The widest the video column may be in a window this wide, beside a side panel this wide (0 when folded). */
export function videoColumnMax(viewportWidth: number, panelWidth: number): number {
  const room = Math.floor(viewportWidth * (1 - WORKSPACE_SHARE)) - panelWidth - STAGE_CHROME;
  return Math.max(VIDEO_MIN, room);
}

/** What the column takes before anyone resized it: 15 % of the window. */
export function videoColumnDefault(viewportWidth: number): number {
  return Math.min(VIDEO_DEFAULT_MAX, Math.max(VIDEO_MIN, Math.round(viewportWidth * 0.15)));
}

/** The column's width now: the chosen one (or the default) within the limits of this window. */
export function videoColumnWidth(chosen: number | null, viewportWidth: number, panelWidth: number): number {
  const max = videoColumnMax(viewportWidth, panelWidth);
  return Math.min(max, Math.max(VIDEO_MIN, chosen ?? videoColumnDefault(viewportWidth)));
}
