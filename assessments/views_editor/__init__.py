"""The back-office questionnaire editor's views (plain Django views, no script needed):
questionnaires and versions (``questionnaires``), elements (``elements``), choice lists
(``choices``), and review, approval, publishing and new versions (``review``)."""
