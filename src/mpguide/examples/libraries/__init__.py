"""第三方库：NumPy 与 joblib / Third-party libraries: NumPy and joblib."""
