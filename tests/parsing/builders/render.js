// usage: node render.js THEME < resume.json > out.html
// Renders one JSON Resume document with an npm theme (its exported render(resume)).
const theme = require(`jsonresume-theme-${process.argv[2]}`);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const html = await theme.render(JSON.parse(input));
  process.stdout.write(html);
});
