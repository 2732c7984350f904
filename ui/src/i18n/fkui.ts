/**
 * FKUI's own texts (screen-reader contexts of message boxes, the modal's close button, the
 * navigation menu's "Aktuell sida", …) in the window's language. FKUI asks its
 * `TranslationService` for every such text with a key and its Swedish default; the provider
 * here answers the default in Swedish and the English text below in English, and reads the
 * app's locale on every call so that FKUI's components re-render when the language changes
 * (the locale is a Vue ref). FKUI's validation messages are set separately
 * (src/validation/validators.ts).
 */
import { TranslationService, type TranslationProviderInterface } from "@fkui/logic";
import type { Locale } from "./index";

/**
 * English for every key FKUI 6 asks for, in FKUI's own placeholder syntax (`{{ name }}`).
 * i18n.spec.ts checks that it covers every key in FKUI's bundle.
 */
export const FKUI_ENGLISH: Readonly<Record<string, string>> = {
    "fkui.bank-account-number-text-field.label": "Account number",
    "fkui.bankgiro-text-field.label": "Bankgiro number",
    "fkui.calendar-navbar.close-year-selector": "Close year selector",
    "fkui.calendar-navbar.next": "Next month",
    "fkui.calendar-navbar.next-month": "{{ nextMonth }} shown",
    "fkui.calendar-navbar.open-year-selector": "Open year selector",
    "fkui.calendar-navbar.previous": "Previous month",
    "fkui.calendar-navbar.previous-month": "{{ previousMonth }} shown",
    "fkui.calendar.day.selected": "selected day",
    "fkui.calendar.day.today": "today",
    "fkui.calendar.day.tomorrow": "tomorrow",
    "fkui.calendar.day.unselectable": "not selectable",
    "fkui.calendar.day.yesterday": "yesterday",
    "fkui.calendar.error.above-max-date": "You cannot choose a day after {{day}} {{month}} {{year}}",
    "fkui.calendar.error.below-min-date": "You cannot choose a day before {{day}} {{month}} {{year}}",
    "fkui.calendar.year-noun": "Year",
    "fkui.checkbox-group.checkbox.checked": "Checkbox checked",
    "fkui.checkbox-group.checkbox.not.checked": "Checkbox not checked",
    "fkui.checkbox-group.checked": "{{ checked }} checked of {{ count }}",
    "fkui.checkbox-group.count": "Group of {{ count }} checkboxes",
    "fkui.clearingnumber-text-field.label": "Clearing number",
    "fkui.combobox.listDetails":
        "There are {{ count }} suggestions. Use the up and down arrows to move between the suggestions.",
    "fkui.combobox.matchesListDetails":
        "There are {{ count }} matching suggestions. Use the up and down arrows to move between the suggestions.",
    "fkui.combobox.noMatchesListDetails": "There are no matching suggestions.",
    "fkui.combobox.selected": "Chosen suggestion",
    "fkui.combobox.toggle": "Show suggestions",
    "fkui.contextmenu.aria-label": "Context menu",
    "fkui.crud-button.delete": "Delete",
    "fkui.crud-button.modify": "Change",
    "fkui.crud-dataset.aria-live.add": "A row has been added",
    "fkui.crud-dataset.aria-live.delete": "The row has been deleted",
    "fkui.crud-dataset.aria-live.modify": "The row has been changed",
    "fkui.crud-dataset.button.add": "Add",
    "fkui.crud-dataset.modal.cancel.add": "Cancel",
    "fkui.crud-dataset.modal.cancel.delete": "No, cancel",
    "fkui.crud-dataset.modal.cancel.modify": "Cancel",
    "fkui.crud-dataset.modal.close": "Close",
    "fkui.crud-dataset.modal.confirm.add": "Add",
    "fkui.crud-dataset.modal.confirm.delete": "Yes, delete",
    "fkui.crud-dataset.modal.confirm.modify": "Save",
    "fkui.crud-dataset.modal.header.add": "Add row",
    "fkui.crud-dataset.modal.header.delete": "Are you sure you want to delete the row?",
    "fkui.crud-dataset.modal.header.modify": "Change row",
    "fkui.currency-text-field.label": "Amount",
    "fkui.data-table.empty": "The table is empty",
    "fkui.datepicker-field.change": "Change date",
    "fkui.datepicker-field.choose": "Choose date",
    "fkui.datepicker-field.close": "Close",
    "fkui.datepicker-field.label": "Date",
    "fkui.details-panel.close": "Close",
    "fkui.email-text-field.error.pasting": "You cannot paste the email address. Type it again.",
    "fkui.email-text-field.label": "Email address",
    "fkui.email-text-field.label.repeat": "Repeat the email address",
    "fkui.expandable-panel.notification.title": "Notifications: {{ count }}",
    "fkui.file-item.changed-mime-type.text": "(%before% changed to %after%)",
    "fkui.file-item.file-open": "opens in a new window",
    "fkui.form-modal.button.cancel.text": "Cancel",
    "fkui.form-modal.button.submit.text": "Save",
    "fkui.ftable.empty.text": "The table is empty",
    "fkui.ftable.select-all.aria-label": "Select all rows",
    "fkui.ftable.unselect-all.aria-label": "Unselect all rows",
    "fkui.interactive-table.empty": "The table is empty",
    "fkui.interactive-table.expand": "Expand row",
    "fkui.interactive-table.select": "Select row",
    "fkui.list.empty": "The list is empty",
    "fkui.loader.wait.text": "Please wait",
    "fkui.message-box.sr-context.error": "Error message",
    "fkui.message-box.sr-context.info": "Information message",
    "fkui.message-box.sr-context.success": "Message",
    "fkui.message-box.sr-context.warning": "Warning message",
    "fkui.minimizable-panel.close": "Minimise",
    "fkui.minimizable-panel.context": "panel",
    "fkui.minimizable-panel.open": "Restore",
    "fkui.modal.close": "Close",
    "fkui.navigation-menu.current-page": "Current page",
    "fkui.navigation-menu.more-selection": "selected underneath now",
    "fkui.navigation-menu.more-text": "More",
    "fkui.organisationsnummer-text-field.example": "(999999-9999)",
    "fkui.organisationsnummer-text-field.format-description": "Format",
    "fkui.organisationsnummer-text-field.label": "Organisation number",
    "fkui.paginator.defaultNavigatorLabel": "Pages",
    "fkui.paginator.next": "Next",
    "fkui.paginator.page-counter": "{{ currentPage }} of {{ numberOfPages }}",
    "fkui.paginator.page-counter-aria": "Page {{ currentPage }} of {{ numberOfPages }}",
    "fkui.paginator.page-label": "Page {{ page }}",
    "fkui.paginator.previous": "Previous",
    "fkui.percent-text-field.label": "Percent",
    "fkui.personnummer-text-field.example-10-digits": "(yymmdd-nnnn)",
    "fkui.personnummer-text-field.format-description-10-digits": "Write the personnummer with 10 digits,",
    "fkui.personnummer-text-field.label-10-digits": "Personnummer",
    "fkui.phone-text-field.label": "Phone number",
    "fkui.phone-text-field.label.repeat": "Repeat the phone number",
    "fkui.plusgiro-text-field.label": "Plusgiro number",
    "fkui.postal-code-text-field.example": "(123 45)",
    "fkui.postal-code-text-field.format-description": "Format",
    "fkui.postal-code-text-field.label": "Postcode",
    "fkui.search-text-field.aria-live.clear": "The field has been emptied",
    "fkui.search-text-field.label": "Search",
    "fkui.search-text-field.search-screen-reader": "Empty the field",
    "fkui.sessionstorage.test": "test",
    "fkui.skip-link.text": "Skip to content",
    "fkui.sort-filter-dataset.aria-live.empty": "Search edit Search empty",
    "fkui.sort-filter-dataset.aria-live.search": 'Your search for "{{ search }}" gave {{ result }} results.',
    "fkui.sort-filter-dataset.clear.filter": "Clear the search field",
    "fkui.sort-filter-dataset.filter.label": "Search",
    "fkui.sort-filter-dataset.label.ascending": "ascending",
    "fkui.sort-filter-dataset.label.descending": "descending",
    "fkui.sort-filter-dataset.label.sort": "Sort",
    "fkui.sort-filter-dataset.label.unsorted": "unsorted",
    "fkui.table.selectable.checkbox": "Select row",
    "fkui.table.selectable.radio": "Select row",
    "fkui.tooltip.close": "Close",
    "fkui.wizard-step.button.cancel.text": "Cancel",
    "fkui.wizard-step.button.next.sr-text": "to the next step",
    "fkui.wizard-step.button.next.text": "Continue",
    "fkui.wizard-step.button.next.text-final": "Continue and review",
    "fkui.wizard-step.current-step": "Step {{ stepNumber }} of {{ totalSteps }}",
    "fkui.wizard-step.errorlist.title": "Oops, you forgot to fill in something. Go to:",
    "fkui.wizard-step.finished-step": "Finished step",
    "fkui.wizard-step.pending": "Inactive",
};

/** Puts the arguments into FKUI's `{{ name }}` placeholders (as FKUI's default provider does). */
function interpolate(text: string, args: Record<string, unknown> | undefined): string {
    if (!args) {
        return text;
    }
    return text.replaceAll(/{{\s*(\S+?)\s*}}/g, (match, name: string) =>
        name in args ? String(args[name]) : match,
    );
}

/** FKUI's translation provider following the app's locale (`locale` is read on every call). */
export class FkuiTexts implements TranslationProviderInterface {
    constructor(private readonly locale: () => Locale) {}

    get currentLanguage(): string {
        return this.locale();
    }

    changeLanguage(): Promise<void> {
        /* The app's language choice (vue-i18n) is the one source; FKUI follows it. */
        return Promise.resolve();
    }

    translate(key: string, defaultValueOrArgs?: string | Record<string, unknown>, args?: Record<string, unknown>): string {
        const swedish = typeof defaultValueOrArgs === "string" ? defaultValueOrArgs : key;
        const values = typeof defaultValueOrArgs === "object" ? defaultValueOrArgs : args;
        const locale = this.locale();
        const text = locale === "en" ? (FKUI_ENGLISH[key] ?? swedish) : swedish;
        return interpolate(text, values);
    }
}

/** Makes FKUI word its own texts in the app's language from now on. */
export function followLocaleInFkui(locale: () => Locale): void {
    TranslationService.changeProvider(new FkuiTexts(locale));
}
