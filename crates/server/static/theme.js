// Applies the saved theme before the first paint: this file is loaded, blocking, in <head>.
(function () {
  var root = document.documentElement;
  var choice = 'system';
  try {
    choice = localStorage.getItem('toolshub-theme') || 'system';
  } catch (e) {
    // Storage blocked: follow the system.
  }
  var dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  root.className += ' js';
  root.setAttribute('data-theme', dark ? 'dark' : 'light');
  root.setAttribute('data-theme-choice', choice);
})();
