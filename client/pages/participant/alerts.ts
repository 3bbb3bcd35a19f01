/**
 * A nudge when it is time to move: a vibration and a short chime where the browser allows.
 * Browsers only let a page play sound after the person has touched it, so the audio context is
 * created on the first touch and reused.
 */

let audio: AudioContext | null = null;

export function primeAudio(): void {
  if (audio) return;
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (Ctor) audio = new Ctor();
  } catch {
    audio = null;
  }
}

/** A broadcast arrived: a short buzz, so a phone lying on the table says there is something to read. */
export function signalBroadcast(): void {
  try {
    navigator.vibrate?.([120, 60, 120]);
  } catch {
    // Not allowed here; the notice is enough.
  }
}

export function signalRotation(): void {
  try {
    navigator.vibrate?.([180, 90, 180]);
  } catch {
    // Not allowed here; the card is enough.
  }
  if (!audio || audio.state === 'closed') return;
  void audio.resume().then(
    () => {
      const now = audio!.currentTime;
      for (const [i, freq] of [660, 880].entries()) {
        const osc = audio!.createOscillator();
        const gain = audio!.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + i * 0.18);
        gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.3);
        osc.connect(gain).connect(audio!.destination);
        osc.start(now + i * 0.18);
        osc.stop(now + i * 0.18 + 0.32);
      }
    },
    () => undefined,
  );
}
