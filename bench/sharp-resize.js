// sharp's side of bench/resize.sh: resizes FILE to WIDTH×HEIGHT (cover, Lanczos3) as
// FORMAT (quality 80) RUNS times on one thread and prints the median milliseconds.
// Usage: node bench/sharp-resize.js FILE WIDTH HEIGHT FORMAT RUNS  (sharp resolved from NODE_PATH)
const sharp = require('sharp');
const fs = require('fs');

sharp.concurrency(1);
sharp.cache(false);

const [file, width, height, format, runs] = process.argv.slice(2);
const input = fs.readFileSync(file);

async function once() {
  const start = process.hrtime.bigint();
  await sharp(input)
    .rotate()
    .resize(Number(width), Number(height), { fit: 'cover', kernel: 'lanczos3' })
    .toFormat(format, { quality: 80 })
    .toBuffer();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

(async () => {
  const times = [];
  for (let i = 0; i < Number(runs); i += 1) times.push(await once());
  times.sort((a, b) => a - b);
  console.log(times[Math.floor(times.length / 2)].toFixed(2));
})();
