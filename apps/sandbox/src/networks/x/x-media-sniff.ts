/** Leading bytes kept from the first segment: enough for every signature and most JPEG frame headers. */
export const MEDIA_HEAD_BYTES = 4096;

/**
 * Checks that the bytes are what `media_type` says (X rejects a PNG declared as a JPEG, or random bytes), and
 * reads image dimensions where the header carries them. Returns undefined when the bytes do not match.
 */
export function sniffMedia(
  mediaType: string,
  head: Buffer,
): { width: number | null; height: number | null } | undefined {
  const starts = (...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);
  const ascii = (offset: number, text: string): boolean =>
    head.subarray(offset, offset + text.length).toString('latin1') === text;
  switch (mediaType) {
    case 'image/png':
      if (!starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return undefined;
      return head.length >= 24
        ? { width: head.readUInt32BE(16), height: head.readUInt32BE(20) }
        : { width: null, height: null };
    case 'image/gif':
      if (!ascii(0, 'GIF87a') && !ascii(0, 'GIF89a')) return undefined;
      return head.length >= 10
        ? { width: head.readUInt16LE(6), height: head.readUInt16LE(8) }
        : { width: null, height: null };
    case 'image/jpeg':
    case 'image/pjpeg':
      if (!starts(0xff, 0xd8, 0xff)) return undefined;
      return jpegSize(head);
    case 'image/webp':
      return ascii(0, 'RIFF') && ascii(8, 'WEBP') ? { width: null, height: null } : undefined;
    case 'image/bmp':
      if (!ascii(0, 'BM')) return undefined;
      return head.length >= 26
        ? { width: head.readInt32LE(18), height: Math.abs(head.readInt32LE(22)) }
        : { width: null, height: null };
    case 'image/tiff':
      return starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)
        ? { width: null, height: null }
        : undefined;
    case 'video/mp4':
    case 'video/quicktime':
      return ascii(4, 'ftyp') || ascii(4, 'moov') || ascii(4, 'wide') || ascii(4, 'mdat')
        ? { width: null, height: null }
        : undefined;
    case 'video/webm':
      return starts(0x1a, 0x45, 0xdf, 0xa3) ? { width: null, height: null } : undefined;
    default:
      return { width: null, height: null };
  }
}

function jpegSize(head: Buffer): { width: number | null; height: number | null } {
  let offset = 2;
  while (offset + 9 < head.length) {
    if (head[offset] !== 0xff) break;
    const marker = head[offset + 1];
    const length = head.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: head.readUInt16BE(offset + 5), width: head.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return { width: null, height: null };
}
