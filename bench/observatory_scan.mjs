// Run from a folder where `npm install --ignore-scripts @mdn/mdn-http-observatory` was done
// (README, Security: the Observatory score). Usage: node observatory_scan.mjs HOST HTTP_PORT HTTPS_PORT [PATH]
// The Observatory's own scan (scanner/index.js), with ports: its CLI scans ports 80/443 only.
import { retrieve } from "./node_modules/@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS, NUM_TESTS } from "./node_modules/@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "./node_modules/@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "./node_modules/@mdn/mdn-http-observatory/src/grader/grader.js";
const [host, httpPort, httpsPort, path] = process.argv.slice(2);
const r = await retrieve(host, { httpPort, httpsPort, ...(path ? { path } : {}) });
if (!r.responses.auto) { console.log("site down"); process.exit(1); }
const results = ALL_TESTS.map((test) => test(r));
let passed = 0, extra = 100, uncurved = 100;
for (const result of results) {
  if (result.result) {
    const m = getScoreModifier(result.result);
    passed += result.pass ? 1 : 0; extra += m; if (m < 0) uncurved += m;
    console.log(`${result.pass ? "pass" : "FAIL"} ${m >= 0 ? "+" : ""}${m} ${result.constructor.name}: ${result.result}`);
  }
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? extra : uncurved;
const final = getGradeForScore(score);
console.log(`grade ${final.grade} score ${final.score} passed ${passed}/${NUM_TESTS} status ${r.responses.auto.status}`);
