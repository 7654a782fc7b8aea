import { sniffMedia } from './x-media-sniff';

describe('media sniffing', () => {
  it('reads PNG and GIF sizes and refuses bytes that are not the declared type', () => {
    const png = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    expect(sniffMedia('image/png', png)).toEqual({ width: 640, height: 480 });
    expect(sniffMedia('image/jpeg', png)).toBeUndefined();
    const gif = Buffer.from('GIF89a\x10\x00\x20\x00', 'latin1');
    expect(sniffMedia('image/gif', gif)).toEqual({ width: 16, height: 32 });
  });

  it('finds a JPEG frame size after other segments', () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x00, 0x02, 0x00,
      0x03,
    ]);
    expect(sniffMedia('image/jpeg', jpeg)).toEqual({ width: 512, height: 256 });
  });
});
