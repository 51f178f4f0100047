// The focal point of a library image, on its change page in the admin (ImageAdmin.preview in
// embassy/media/admin.py). A click on the preview sets the two number fields, "focal point
// across" and "down", in percent of the image; the marker shows where the point is, and follows
// the fields when staff type in them. The fields stay the way to set the point with the
// keyboard, or without JavaScript: this only adds the pointer's way.
//
// The marker is placed through its style properties (CSSOM), which the site's
// Content-Security-Policy (style-src 'self') allows; style attributes in markup it would not.
(function () {
  "use strict";

  function clamp(value) {
    return Math.min(100, Math.max(0, value));
  }

  function setUp(picker) {
    var ids = (picker.dataset.focusFields || "").split(" ");
    var across = document.getElementById(ids[0]);
    var down = document.getElementById(ids[1]);
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-picker-marker");
    if (!across || !down || !image || !marker) {
      return;
    }

    function show() {
      var x = parseFloat(across.value);
      var y = parseFloat(down.value);
      marker.hidden = isNaN(x) || isNaN(y);
      if (!marker.hidden) {
        marker.style.left = clamp(x) + "%";
        marker.style.top = clamp(y) + "%";
      }
    }

    function set(field, value) {
      field.value = String(Math.round(clamp(value)));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }

    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      set(across, ((event.clientX - box.left) / box.width) * 100);
      set(down, ((event.clientY - box.top) / box.height) * 100);
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    picker.classList.add("focal-picker-ready");
    var help = document.getElementById(picker.dataset.help);
    if (help) {
      help.hidden = false;
    }
    show();
  }

  document.querySelectorAll(".focal-picker").forEach(setUp);
})();
