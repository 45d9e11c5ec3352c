/** Below this width the desk uses its phone layout (the header menu; the watchlist moves into it). */
export const PHONE_QUERY = '(max-width: 760px)';

/** Whether the phone layout applies, kept current as the window is resized or rotated. */
export class Viewport {
  private readonly media = matchMedia(PHONE_QUERY);
  phone = $state(this.media.matches);

  constructor() {
    this.media.addEventListener('change', (e) => (this.phone = e.matches));
  }
}
