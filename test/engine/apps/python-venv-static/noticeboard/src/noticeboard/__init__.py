"""A notice board web app (standard library only)."""
