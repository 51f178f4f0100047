// The media library inside the rich-text editor (django-prose-editor) of the admin.
//
// Below each editor, two buttons: "Insert image from the library" and "Link a document from the
// library". Each opens a dialog that searches the library (the admin's JSON at
// /admin/media/image/choices/ and /admin/media/document/choices/) and lists the matches as
// buttons; choosing one inserts the image (with its text alternative, width and height) or a
// link reading "Visa application form (PDF, 240 KB)" at the cursor. Everything is reachable with
// the keyboard: Tab to a button, Enter to choose, Escape closes the dialog.
//
// No library of its own: the editor instance comes with django-prose-editor's
// "prose-editor:ready" event, and its Tiptap commands (setImage, insertContent) do the work.
// The server sanitizes whatever is saved, so nothing here is trusted.
(function () {
  "use strict";

  var script = document.currentScript;
  var urls = {
    image: script.dataset.imageChoices,
    document: script.dataset.documentChoices,
  };
  // The words, in the admin's language (embassy/media/admin.py PICKER_WORDS); English without.
  var words = JSON.parse(script.dataset.words || "{}");
  function say(english) {
    return words[english] || english;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function openPicker(kind, editor) {
    var dialog = element("dialog", {
      class: "library-picker",
      "aria-labelledby": "library-picker-title",
    });
    var title = element(
      "h2",
      { id: "library-picker-title" },
      say(kind === "image" ? "Insert an image from the library" : "Link a document from the library"),
    );
    var label = element("label", { for: "library-picker-q" }, say("Search the library"));
    var search = element("input", { id: "library-picker-q", type: "search", autocomplete: "off" });
    var status = element("p", { class: "library-picker-status", role: "status" });
    var list = element("ul", { class: "library-picker-results" });
    var close = element("button", { type: "button", class: "library-picker-close" }, say("Cancel"));
    dialog.append(title, label, search, status, list, close);
    document.body.append(dialog);

    function finish() {
      dialog.close();
      dialog.remove();
      editor.commands.focus();
    }
    close.addEventListener("click", finish);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      finish();
    });

    function choose(item) {
      // Closed first, and the editor focused at once: closing a modal dialog gives the focus
      // back to the button that opened it, and the editor's own focus() waits for the next
      // frame, so a key pressed in between (Enter) would open the dialog again.
      dialog.close();
      dialog.remove();
      editor.view.focus();
      if (kind === "image") {
        editor
          .chain()
          .focus()
          .setImage({ src: item.src, alt: item.alt, width: item.width, height: item.height })
          .run();
      } else {
        editor
          .chain()
          .focus()
          .insertContent({
            type: "text",
            text: item.label,
            marks: [{ type: "link", attrs: { href: item.href } }],
          })
          .insertContent(" ")
          .run();
      }
    }

    var pending = null;
    function load() {
      var address = urls[kind] + "?q=" + encodeURIComponent(search.value);
      status.textContent = say("Searching…");
      var request = fetch(address, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      pending = request;
      request
        .then(function (data) {
          if (pending !== request) return;
          list.replaceChildren();
          var usable = data.results.filter(function (item) {
            return kind !== "image" || item.usable;
          });
          status.textContent = usable.length
            ? say(usable.length === 1 ? "1 match" : "{count} matches").replace(
                "{count}",
                usable.length,
              )
            : say("Nothing in the library matches.");
          usable.forEach(function (item) {
            var button = element("button", { type: "button", class: "library-picker-choice" });
            if (kind === "image") {
              button.append(element("img", { src: item.thumbnail, alt: "", width: "80" }));
              button.append(element("span", {}, item.title + (item.alt ? " — " + item.alt : "")));
            } else {
              button.append(element("span", {}, item.label));
            }
            button.addEventListener("click", function () {
              choose(item);
            });
            var entry = element("li");
            entry.append(button);
            list.append(entry);
          });
        })
        .catch(function () {
          status.textContent = say("The library could not be reached; try again.");
        });
    }
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    });
    dialog.showModal();
    search.focus();
    load();
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var textarea = event.detail.textarea;
    var bar = element("div", { class: "library-picker-bar" });
    [
      ["image", "Insert image from the library"],
      ["document", "Link a document from the library"],
    ].forEach(function (pair) {
      if (!urls[pair[0]]) return;
      var button = element("button", { type: "button", class: "button" }, say(pair[1]));
      button.dataset.library = pair[0];
      button.addEventListener("click", function () {
        openPicker(pair[0], editor);
      });
      bar.append(button);
    });
    var container = textarea.closest(".prose-editor") || textarea.parentNode;
    container.after(bar);
  });
})();
