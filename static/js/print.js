// The print button on the printable plan (no inline scripts, so a strict CSP can forbid them).
document.getElementById("print-button")?.addEventListener("click", () => window.print());
