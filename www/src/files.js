// Files out of the browser: offering a file the page wrote as a download. What goes into a file
// is written by the core: JSON by the calculator, .xlsx and CSV by the spreadsheet module
// (a picked file is read by file-import.js, as bytes).

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

