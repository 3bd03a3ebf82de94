"""check-plan: read a readiness plan or a § 12 a action plan and check it against requirements."""
