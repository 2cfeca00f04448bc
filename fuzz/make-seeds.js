// Usage: NODE_PATH=<dir with sharp>/node_modules node fuzz/make-seeds.js fuzz/corpus/image_resize
// Small seed files for the image_resize fuzz target: 4 option bytes + an image file.
const sharp = require('sharp');
const fs = require('fs');
const out = process.argv[2];
fs.mkdirSync(out, { recursive: true });
const opts = [Buffer.from([40, 30, 0, 4]), Buffer.from([0, 17, 6, 130]), Buffer.from([9, 50, 13, 2])];
(async () => {
  const base = sharp({ create: { width: 37, height: 23, channels: 4, background: { r: 200, g: 30, b: 90, alpha: 0.5 } } });
  const files = {
    'a.jpg': await base.clone().jpeg({ quality: 70 }).toBuffer(),
    'b.jpg': await base.clone().jpeg({ progressive: true }).withMetadata({ orientation: 6 }).toBuffer(),
    'c.png': await base.clone().png().toBuffer(),
    'd.png': await base.clone().png({ palette: true }).toBuffer(),
    'e.webp': await base.clone().webp({ quality: 50 }).toBuffer(),
    'f.webp': await base.clone().webp({ lossless: true }).toBuffer(),
    'g.png': await base.clone().greyscale().png().toBuffer(),
  };
  for (const [name, bytes] of Object.entries(files)) {
    opts.forEach((o, i) => fs.writeFileSync(`${out}/${i}-${name}`, Buffer.concat([o, bytes])));
  }
})();
