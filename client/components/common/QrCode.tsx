/** A QR code image of a link (the qrcode package renders it to a data URL; nothing leaves the page). */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The QR image, or nothing while it renders (or if the text is too long for a QR code). */
export function QrCode({ text, size, alt = "QR code of the delegates' link" }: { text: string; size: number; alt?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => alive && setSrc(url))
      .catch(() => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [text, size]);
  return src ? <img className="qr" src={src} width={size} height={size} alt={alt} /> : null;
}
