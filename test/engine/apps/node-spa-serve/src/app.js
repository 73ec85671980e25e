// Client-side routes: the server answers index.html for all of them.
const routes = {
  '/': 'Dashboard',
  '/reports': 'Reports',
  '/settings': 'Settings',
};
document.getElementById('view').textContent = routes[location.pathname] ?? 'Not found';
