// Copy buttons: <button data-copy="ID"> copies the text of the element with that id, and says so
// in the element with data-copy-status="ID". Without the Clipboard API (plain HTTP on a remote host),
// the text is selected so Ctrl+C / Cmd+C copies it.
(function () {
  'use strict';

  function say(id, text) {
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (status) {
      status.textContent = text;
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var id = button.getAttribute('data-copy');
    var source = document.getElementById(id);
    if (!source) {
      return;
    }
    var text = source.textContent;
    var fallback = function () {
      select(source);
      say(id, 'Selected — press Ctrl+C (or ⌘C) to copy.');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(id, 'Copied to the clipboard.');
        button.classList.add('is-copied');
      }, fallback);
    } else {
      fallback();
    }
  });
})();
