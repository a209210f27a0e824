"""The closed-practice guide: where did the records of a practice that closed go?"""
