"""The e-discussions' views, one module per part: pages (reading and taking part), facilitator
(the editor), dashboard (figures, tray, exports), summary (draft, endorsement, publication) and
imports (archives)."""
