"""The smallest Streamlit app: one line of text. The benchmark's floor for a Streamlit page load.

Served by `streamlit run` exactly like the dashboard (same config, same kind of server); the text
must match benchmarks.common.EMPTY_APP_TEXT.
"""

import streamlit as st

st.write("Empty benchmark app ready")
