// Keyboard shortcuts of the review UI: 1/2/3 label the item, n asks for the next one.
// Loaded as a file (never inline) so the Content-Security-Policy can forbid inline scripts.
(function () {
  'use strict';
  var KEYS = { '1': 'label-MISALIGNED', '2': 'label-ALIGNED', '3': 'label-AMBIGUOUS', 'n': 'next-button' };

  function typing(target) {
    if (!target) { return false; }
    if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') { return true; }
    return target.tagName === 'INPUT' && target.type !== 'checkbox' && target.type !== 'radio';
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var id = KEYS[event.key];
    var button = id && document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
}());
