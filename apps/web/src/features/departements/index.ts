import '../resources/resources.css';

export { DepartementsPage } from '../resources/protocols-page.tsx';
export { DepartementPage } from './departement-page.tsx';
