/**
 * A short tone for a firing, synthesised (no audio file to cache): higher and doubled for
 * critical. Browsers start audio only after the user has interacted with the page; before that
 * the tone is silently skipped.
 */
let context: AudioContext | null = null;

export function playAlertTone(critical: boolean): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const beeps = critical ? [0, 0.22] : [0];
    for (const at of beeps) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = critical ? 1046 : 784;
      gain.gain.setValueAtTime(0.0001, context.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.2, context.currentTime + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + at + 0.18);
      osc.connect(gain).connect(context.destination);
      osc.start(context.currentTime + at);
      osc.stop(context.currentTime + at + 0.2);
    }
  } catch {
    // No audio output (or not allowed yet): the toast and notification still show.
  }
}
