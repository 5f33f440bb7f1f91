import { describe, expect, it } from 'vitest';
import { VIDEO_MIN, videoColumnDefault, videoColumnMax, videoColumnWidth } from './videoColumn';

describe('the video column', () => {
  it('leaves the workspace 60 % of the window beside an open side panel', () => {
    expect(videoColumnMax(1920, 256)).toBe(1920 - 1152 - 256 - 80);
    expect(videoColumnMax(1280, 0)).toBe(1280 - 768 - 80);
  });

  it('never goes below its minimum, even when the panel is wide on a small laptop', () => {
    expect(videoColumnMax(1280, 560)).toBe(VIDEO_MIN);
    expect(videoColumnWidth(600, 1280, 560)).toBe(VIDEO_MIN);
    expect(videoColumnWidth(10, 1920, 256)).toBe(VIDEO_MIN);
  });

  it('takes 15 % of the window until someone resizes it, within its limits', () => {
    expect(videoColumnDefault(1920)).toBe(288);
    expect(videoColumnDefault(900)).toBe(VIDEO_MIN);
    expect(videoColumnDefault(4000)).toBe(352);
    expect(videoColumnWidth(null, 1920, 256)).toBe(288);
  });

  it('keeps the chosen width while it fits and narrows when the panel opens', () => {
    expect(videoColumnWidth(400, 1920, 256)).toBe(400);
    expect(videoColumnWidth(400, 1280, 0)).toBe(400);
    expect(videoColumnWidth(400, 1280, 256)).toBe(videoColumnMax(1280, 256));
  });
});
