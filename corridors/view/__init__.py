"""The view, without Streamlit: the map page and its component, the panel, the timeline, filters, view state and notices.

``dashboard.py`` wires these pure functions to widgets; nothing here imports Streamlit.
"""
