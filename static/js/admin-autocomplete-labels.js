'use strict';
// The admin's autocomplete pickers (select2, on autocomplete_fields) named by their field's
// label, as axe asks: select2 names its combobox after the chosen object alone, which is
// nothing while none is chosen. Wraps the admin's own set-up (admin/js/autocomplete.js), so
// pickers of inline rows added later are named too. Loaded with `defer`
// (templates/unfold/layouts/skeleton.html): after autocomplete.js, before it sets up the page's pickers.
{
    const $ = window.django && window.django.jQuery;
    if ($ && $.fn.djangoAdminSelect2) {
        const setUp = $.fn.djangoAdminSelect2;
        $.fn.djangoAdminSelect2 = function() {
            setUp.call(this);
            this.each((index, select) => labelPicker(select));
            return this;
        };
    }

    function labelPicker(select) {
        const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        const picker = select.nextElementSibling;
        if (!label || !picker || !picker.classList.contains('select2')) {
            return;
        }
        label.id = label.id || `${select.id}-label`;
        const combobox = picker.querySelector('.select2-selection');
        const chosen = picker.querySelector('.select2-selection__rendered');
        // "Track: Opening": the field, then what is chosen.
        combobox.setAttribute('aria-labelledby', [label.id, chosen && chosen.id].filter(Boolean).join(' '));
        if (chosen) {
            chosen.setAttribute('aria-labelledby', label.id);
        }
        // A picker of several objects types its search in the combobox itself.
        const search = picker.querySelector('.select2-search__field');
        if (search) {
            search.setAttribute('aria-labelledby', label.id);
        }
    }
}
