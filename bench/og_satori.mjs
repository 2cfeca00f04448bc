// The og-generator benchmark card with satori + @resvg/resvg-js, same font (Noto Sans from
// crates/tools/src/og/fonts). Prints the median milliseconds per image and the PNG size.
// Run from a directory where `npm install satori @resvg/resvg-js` was done (see og_vs_satori.sh).
import { readFileSync } from "node:fs";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";

const [fontDir, countArg] = process.argv.slice(2);
const count = Number(countArg || 20);
const fonts = [
  { name: "Noto Sans", data: readFileSync(`${fontDir}/NotoSans-Regular.ttf`), weight: 400, style: "normal" },
  { name: "Noto Sans", data: readFileSync(`${fontDir}/NotoSans-Bold.ttf`), weight: 700, style: "normal" },
];
const div = (style, children) => ({ type: "div", props: { style, children } });
const card = div(
  {
    width: 1200, height: 630, display: "flex", flexDirection: "column", padding: "60px 80px",
    fontFamily: "Noto Sans", color: "#f8fafc", borderTop: "12px solid #38bdf8",
    backgroundImage: "linear-gradient(to bottom right, #0f172a, #1a3651)",
  },
  [
    div({ fontSize: 30, fontWeight: 700, color: "#cbd5e1", height: 56, alignItems: "center" }, "Tools Hub"),
    div({ fontSize: 76, fontWeight: 700, lineHeight: 1.18, marginTop: 34 },
      "Ship faster with Tools Hub: developer tools as one metered API"),
    div({ fontSize: 34, lineHeight: 1.4, color: "#cbd5e1", marginTop: 28 },
      "Case conversion, word counts, colours, image resizing and Open Graph cards, rendered in Rust with an embedded font."),
  ],
);

async function render() {
  const svg = await satori(card, { width: 1200, height: 630, fonts });
  return new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng();
}

let bytes = 0;
for (let i = 0; i < 3; i++) bytes = (await render()).length;
const times = [];
for (let i = 0; i < count; i++) {
  const start = process.hrtime.bigint();
  await render();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`${times[Math.floor(times.length / 2)].toFixed(3)} ${bytes}`);
