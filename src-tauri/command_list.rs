// The one list of Timbok's IPC commands (docs/ipc.md), `include!`d by build.rs (the app
// manifest, so each command gets its `allow-…` permission) and lib.rs (`invoke_handler()` and
// `COMMANDS`). A command added here needs its function in commands.rs; `tests/commands.rs`
// fails, naming the command, until the capability, docs/ipc.md and ui/src/backend/tauri.ts
// list the same commands.
//
// `with_commands!(callback)` calls `callback! { app_info, get_household, … }`.
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app_info,
            get_household,
            save_household,
            list_assistants,
            save_assistant,
            delete_assistant,
            get_month,
            save_shift,
            save_day,
            delete_shift,
            undo_delete_shift,
            copy_shifts,
            get_schedule,
            save_schedule,
            prefill_month,
            set_environment,
            reset_demo,
            get_settings,
            save_endpoints,
            check_field,
            store_credential,
            delete_credential,
            test_connection,
            get_time_reports,
            lock_report,
            unlock_report,
            start_signing,
            signing_status,
            cancel_signing,
            send_reports,
            resend_report,
            mark_report_received,
            open_paper_report,
            store_blankett_3059,
            report_history,
            get_invoice,
            save_invoice_answers,
            submit_invoice,
            reopen_invoice_page,
            cancel_invoice,
            get_overview,
            get_call_journal,
            export_support_report,
            create_backup,
            preview_backup,
            restore_backup,
            list_automatic_backups,
            preview_automatic_backup,
            restore_automatic_backup,
            export_household,
            open_documents_folder,
            get_drafts,
            save_draft,
            remove_draft,
        }
    };
}
