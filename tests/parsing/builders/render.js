// usage: node render.js THEME < resume.json > out.html
// Renders one JSON Resume document with an npm theme (its exported render(resume)).
const theme = require(`jsonresume-theme-${process.argv[2]}`);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const resume = JSON.parse(input);
  // Older themes read the pre-1.0 schema (work[].company, basics.website): give them both names.
  for (const w of resume.work || []) { if (w.company === undefined) w.company = w.name; }
  if (resume.basics && resume.basics.website === undefined) resume.basics.website = resume.basics.url;
  let html;
  try {
    html = await theme.render(resume);
  } catch (err) {
    // Some themes read profiles[0] whenever the list exists, others need the list: an empty
    // list is the same as none, so a theme that fails on one is given none.
    const profiles = resume.basics && resume.basics.profiles;
    if (!Array.isArray(profiles) || profiles.length) throw err;
    delete resume.basics.profiles;
    html = await theme.render(resume);
  }
  process.stdout.write(html);
});
