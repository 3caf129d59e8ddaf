// Files in and out of the browser: offering a file the page wrote as a download, and reading
// the text of a file the user picked. What goes into a file is written by the core: JSON by
// the calculator, .xlsx and CSV by the spreadsheet module.

/** Offers `content` to the user as a download named `name`. */
export function download(name, content, type) {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file's text. */
export function readText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsText(file, 'utf-8');
  });
}
