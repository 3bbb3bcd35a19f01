import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code as an SVG image; loaded only by the facilitator's and the display's routes. */
export function Qr({ value, label, className }: { value: string; label: string; className?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrSvg(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#111418', light: '#ffffff' } }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div className={`qr ${className ?? ''}`}>{src ? <img src={src} alt={label} /> : <div className="qr__placeholder" role="img" aria-label={label} />}</div>
  );
}
