// `npm start`: installs what is missing, builds, serves the page on localhost, prints the URL.
import { build } from './build.mjs';
import { serve } from './serve.mjs';

try {
  await build();
  const port = Number(process.env.PORT ?? 8080);
  let server;
  try {
    server = await serve({ port });
  } catch {
    server = await serve({ port: 0 }); // the port is taken: any free one
  }
  console.log(`\n  计算器：       ${server.url}`);
  console.log(`  嵌入示例：     ${server.url}embed-example.html`);
  console.log(`  离线单文件：   dist/jixiao-offline.html（可直接双击打开）\n  按 Ctrl+C 停止。`);
} catch (error) {
  console.error(error.message ?? error);
  process.exit(1);
}
