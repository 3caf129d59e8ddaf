// `npm start`: installs what is missing, builds, serves the page on localhost, prints the URL.
// Only Node's own modules and scripts that use nothing else are imported up here: on a fresh
// clone there is no node_modules until build() has installed it.
import { build } from './build.mjs';

try {
  await build();
  const { serve } = await import('./serve.mjs'); // imports sirv, installed by build()
  const port = Number(process.env.PORT ?? 8080);
  let server;
  try {
    server = await serve({ port });
  } catch {
    server = await serve({ port: 0 }); // the port is taken: any free one
  }
  console.log(`\n  计算器：       ${server.url}`);
  console.log(`  嵌入示例：     ${server.url}embed-example.html`);
  console.log(`  iframe 示例：  ${server.url}iframe-example.html`);
  console.log(`  离线单文件：   dist/jixiao-offline.html（可直接双击打开）\n  按 Ctrl+C 停止。`);
} catch (error) {
  console.error(error.message ?? error);
  process.exit(1);
}
