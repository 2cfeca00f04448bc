// HTTP side of bench/resize.sh: CLIENTS concurrent clients post FILE as multipart to the
// image resizer for SECONDS and print "RESULT images_per_s p50_ms p99_ms non2xx".
// Usage: node bench/resize-http.js URL KEY FILE CLIENTS SECONDS
const fs = require('fs');

const [url, key, file, clients, seconds] = process.argv.slice(2);
const bytes = fs.readFileSync(file);

async function call() {
  const form = new FormData();
  for (const [name, value] of [['width', '720'], ['height', '588'], ['format', 'jpeg'], ['quality', '80']]) form.append(name, value);
  form.append('file', new Blob([bytes]), 'photo.jpg');
  const start = process.hrtime.bigint();
  const response = await fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}`, accept: 'image/*' } });
  await response.arrayBuffer();
  return { ok: response.ok, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

(async () => {
  const end = Date.now() + Number(seconds) * 1000;
  const times = [];
  let failed = 0;
  await Promise.all(Array.from({ length: Number(clients) }, async () => {
    while (Date.now() < end) {
      const { ok, ms } = await call();
      if (ok) times.push(ms); else failed += 1;
    }
  }));
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(`RESULT ${(times.length / Number(seconds)).toFixed(1)} ${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ${failed}`);
})();
