import { mount } from 'svelte';
import './app/theme/palette.css';
import App from './app/App.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('#app is missing from index.html');

export default mount(App, { target });
